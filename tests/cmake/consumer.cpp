// A user's program: the umbrella header, a default vector and a small vector.
#include <buffers/buffers.hpp>

#include <cstdio>
#include <string>

int main() {
    buffers::Vector<int> v;
    for (int i = 0; i < 100; ++i)
        v.push_back(i);
    buffers::Vector<std::string, buffers::SvoBuffer<buffers::HeapBuffer<std::string>, 4>> s;
    s.push_back("consumer");
    int sum = 0;
    for (int x : v)
        sum += x;
    if (sum != 4950 || s.front() != "consumer" || BUFFERS_VERSION_STRING != std::string("0.1.0")) {
        std::puts("consumer: wrong result");
        return 1;
    }
    std::printf("consumer ok: buffers %s\n", BUFFERS_VERSION_STRING);
    return 0;
}
