// A shift_left that forgets k would never be called: the generic one-by-one fallback would run.
// expect: hook shift_left has the wrong signature

#include <buffers/base/heap_buffer.hpp>
#include <buffers/collections/deque.hpp>

struct Forgetful : buffers::HeapBuffer<int> {
    using buffers::HeapBuffer<int>::HeapBuffer;
    void shift_left(std::size_t first, std::size_t last) noexcept { (void)first, (void)last; }
};

int main() {
    buffers::Deque<int, Forgetful> d;
    d.push_back(1);
}
