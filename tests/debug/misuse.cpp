// Misuse that debug builds catch (BUFFERS_ASSERTIONS): `misuse <case>` performs one misuse in
// a child process and prints "aborted: <the child's message>" when the child aborted. CTest
// matches that line against the message the case must produce (tests/debug/CMakeLists.txt).
// `misuse --list` prints the cases.

#include <support/child_process.hpp>

#include <buffers/base/inline_buffer.hpp>
#include <buffers/collections/deque.hpp>
#include <buffers/collections/vector.hpp>
#include <buffers/soa/soa_vector.hpp>

#include <cstdio>
#include <cstring>
#include <string>

#if !BUFFERS_ASSERTIONS
#error "tests/debug needs BUFFERS_ASSERTIONS=1"
#endif

namespace {

struct Particle {
    float x;
    int id;
};

using Ints = buffers::Vector<int>;
using Soa = buffers::SoaVector<Particle>;
using Fixed = buffers::Vector<int, buffers::InlineBuffer<int, 4>>;
using Ring = buffers::Deque<int>;

// Keeps a value alive so the access is not optimised away.
template <class X>
void use(X&& x) {
    asm volatile("" : : "r"(&x) : "memory");
}

struct Case {
    const char* name;
    void (*run)();
};

const Case cases[] = {
    {"index", [] {
         Ints v(3);
         use(v[3]);
     }},
    {"index_const", [] {
         const Ints v(3);
         use(v[7]);
     }},
    {"index_inline", [] {
         Fixed v(2);
         use(v[2]);
     }},
    {"index_soa", [] {
         Soa v(2);
         auto row = v[2];
         use(row);
     }},
    {"pop_back_empty", [] {
         Ints v;
         v.pop_back();
     }},
    {"pop_back_empty_soa", [] {
         Soa v;
         v.pop_back();
     }},
    {"front_empty", [] {
         Ints v;
         use(v.front());
     }},
    {"back_empty", [] {
         const Ints v;
         use(v.back());
     }},
    {"front_empty_soa", [] {
         Soa v;
         auto row = v.front();
         use(row);
     }},
    {"erase_end", [] {
         Ints v(2);
         v.erase(v.end());
     }},
    {"erase_end_soa", [] {
         Soa v(2);
         v.erase(v.end());
     }},
    {"erase_foreign", [] {
         Ints v(2), w(2);
         v.erase(w.begin());
     }},
    {"erase_foreign_soa", [] {
         Soa v(2), w(2);
         v.erase(w.begin());
     }},
    {"erase_range_foreign", [] {
         Ints v(2), w(2);
         v.erase(v.begin(), w.end());
     }},
    {"erase_range_reversed", [] {
         Ints v(3);
         v.erase(v.begin() + 2, v.begin() + 1);
     }},
    {"insert_foreign", [] {
         Ints v(2), w(2);
         v.insert(w.begin(), 5);
     }},
    {"insert_foreign_soa", [] {
         Soa v(2), w(2);
         v.insert(w.begin(), Particle{1.0f, 1});
     }},
    {"insert_past_end", [] {
         Fixed v(2);
         v.insert(v.begin() + 3, 1);
     }},
    {"emplace_foreign", [] {
         Ints v(2), w(2);
         v.emplace(w.end(), 5);
     }},
    {"swap_remove_index", [] {
         Ints v(2);
         use(v.swap_remove(2));
     }},
    {"unchecked_push_back_full", [] {
         Fixed v(4);
         v.unchecked_push_back(1);
     }},
    {"deque_index", [] {
         Ring d(3);
         use(d[3]);
     }},
    {"deque_pop_front_empty", [] {
         Ring d;
         d.pop_front();
     }},
    {"deque_pop_back_empty", [] {
         Ring d;
         d.pop_back();
     }},
    {"deque_front_empty", [] {
         Ring d;
         use(d.front());
     }},
    {"deque_back_empty", [] {
         const Ring d;
         use(d.back());
     }},
    {"deque_erase_end", [] {
         Ring d(2);
         d.erase(d.end());
     }},
    {"deque_erase_foreign", [] {
         Ring d(2), e(2);
         d.erase(e.begin());
     }},
    {"deque_insert_foreign", [] {
         Ring d(2), e(2);
         d.insert(e.begin() + 1, 5);
     }},
};

} // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::strcmp(argv[1], "--list") == 0) {
        for (const Case& c : cases)
            std::printf("%s\n", c.name);
        return 0;
    }
    if (argc != 2) {
        std::fprintf(stderr, "usage: misuse <case> | --list\n");
        return 2;
    }
    for (const Case& c : cases) {
        if (std::strcmp(argv[1], c.name) != 0)
            continue;
        const support::ChildResult r = support::run_in_child(c.run);
        if (r.aborted) {
            std::printf("aborted: %s\n", support::first_line(r.err).c_str());
            return 0;
        }
        std::printf("did not abort (exit %d, signal %d); stderr:\n%s\n", r.exit_code, r.signal,
                    r.err.c_str());
        return 1;
    }
    std::fprintf(stderr, "misuse: unknown case '%s' (try --list)\n", argv[1]);
    return 2;
}
