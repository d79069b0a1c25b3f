#pragma once

// Growth through an allocator that refuses: try_grow reports out_of_memory and changes
// nothing (capacity, live values); shrinking with a refusing allocator keeps every live value;
// no block leaks. Run over every buffer whose memory comes from FailingAllocator.

#include "buffer_contract.hpp"
#include "failing_allocator.hpp"

namespace support {

template <class B>
void allocation_failure_contract() {
    INFO("buffer: " << type_name<B>());
    AllocState& state = default_alloc_state();
    const long blocks = state.live_blocks();
    {
        LeakGuard guard;
        Holder<B> holder;
        B& b = holder.buffer;
        Checked<B> c(b);

        // From empty, from the first block, from a larger one.
        for (int round = 0; round < 3; ++round) {
            const std::size_t before = b.capacity();
            const std::size_t target = 2 * before + 3;
            state.fail_all = true;
            const buffers::Status s = b.try_grow(target, c.live());
            state.reset_failures();
            REQUIRE(s == buffers::Status::out_of_memory);
            REQUIRE(b.capacity() == before);
            c.verify();

            REQUIRE(c.grow(target) == buffers::Status::ok);
            c.fill(0, b.capacity() / 2 + 1, 100 * round);
            c.verify();
        }

        // A shrink that needs a new block and cannot get one keeps everything.
        for (std::size_t i = b.capacity() / 2 + 1; i < b.capacity(); ++i)
            REQUIRE(c.ids().count(i) == 0);
        state.fail_all = true;
        const std::size_t before = b.capacity();
        const buffers::Status s = b.try_shrink(0, c.live());
        state.reset_failures();
        REQUIRE((s == buffers::Status::ok || s == buffers::Status::out_of_memory));
        if (s != buffers::Status::ok)
            REQUIRE(b.capacity() == before);
        REQUIRE(b.capacity() >= c.live().end());
        c.verify();

        c.clear();
        c.shrink(0);
    }
    REQUIRE(state.live_blocks() == blocks);
}

} // namespace support
