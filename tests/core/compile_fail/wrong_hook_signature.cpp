// A buffer whose relocate_from takes no Live: without the check, collections would silently
// use the slow generic path (or no move assignment at all).
// expect: hook relocate_from has the wrong signature

#include <buffers/base/heap_buffer.hpp>
#include <buffers/collections/vector.hpp>

struct Misspelled : buffers::HeapBuffer<int> {
    using buffers::HeapBuffer<int>::HeapBuffer;
    void relocate_from(Misspelled& other) noexcept { (void)other; }
};

int main() {
    buffers::Vector<int, Misspelled> v;
    v.push_back(1);
}
