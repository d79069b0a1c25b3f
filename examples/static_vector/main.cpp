// A static vector: a fixed number of slots inside the object (here, on the stack), no heap.
// try_push_back reports a full vector; push_back throws std::length_error, as it would if
// any buffer could not grow.

#include <buffers/buffers.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

int main() {
    buffers::Vector<int, buffers::InlineBuffer<int, 8>> fixed;
    std::printf("sizeof(Vector<int, InlineBuffer<int, 8>>) = %zu bytes (8 ints + a size)\n",
                sizeof(fixed));

    int pushed = 0;
    while (fixed.try_push_back(pushed * pushed))
        ++pushed;
    std::printf("try_push_back stopped after %d values (capacity %zu)\n", pushed,
                fixed.capacity());

    try {
        fixed.push_back(99);
    } catch (const std::length_error& e) {
        std::printf("push_back on a full vector throws std::length_error: %s\n", e.what());
    }

    fixed.erase(fixed.begin() + 2, fixed.begin() + 5); // the whole std::vector interface works
    fixed.insert(fixed.begin(), {-1, -2});
    std::printf("after erase and insert:");
    for (int v : fixed)
        std::printf(" %d", v);
    std::printf("\n");

    // Non-trivial elements work too; moving the vector moves the live elements only.
    buffers::Vector<std::string, buffers::InlineBuffer<std::string, 4>> names{"ada", "grace"};
    auto moved = std::move(names);
    std::printf("moved %zu strings, source now holds %zu\n", moved.size(), names.size());
    return (pushed == 8 && fixed.size() == 7 && moved.size() == 2) ? 0 : 1;
}
