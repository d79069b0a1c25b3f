// The test is that every generated translation unit in this target compiled.
int main() { return 0; }
