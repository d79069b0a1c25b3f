// Two headers named particle.hpp in different folders, a PCH, -D in compile options, fields
// that exist only without NDEBUG, projections by member pointer and by buffers::field<>.
#include "game/ai/particle.soa.hpp"
#include "game/fx/particle.soa.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <type_traits>

using game::fx::Particle;

static_assert(GAME_TRAILS == 1, "the target's compile options define GAME_TRAILS");
#ifdef NDEBUG
static_assert(buffers::soa_generated<Particle>::field_count == 5);
#else
static_assert(buffers::soa_generated<Particle>::field_count == 6);
#endif
// Types as written: the aliases, not what they stand for on this platform.
static_assert(buffers::soa_generated<Particle>::field_names[2] == "flags");

namespace {
int failures = 0;
void check(bool ok, const char* what) {
    if (!ok) {
        std::printf("FAILED (fx): %s\n", what);
        ++failures;
    }
}

template <class C>
void fill(C& c) {
    for (int i = 0; i < 5; ++i) {
        Particle p{};
        p.position = {float(i), 0, 0};
        p.life = float((i * 3) % 5);
        p.flags = std::uint32_t(i);
        p.born = 100 - i;
#ifndef NDEBUG
        p.debug_serial = i;
#endif
        p.trail = i * 10;
        c.push_back(p);
    }
}

template <class C>
void projections(const char* what) {
    C c;
    fill(c);
    constexpr auto life = buffers::field<&Particle::life>;
    check(std::ranges::count_if(
              c, [](float l) { return l > 1; }, life) == 3,
          what);
    check(life(*std::ranges::max_element(c, {}, life)) == 4, what);
    check(std::ranges::find(c, 0.0f, life) == c.begin(), what);
    std::ranges::sort(c, std::ranges::greater{}, buffers::field<&Particle::born>);
    check(c[0].born == 100 && c[4].born == 96 && c[4].trail == 40, what);
    std::ranges::stable_sort(c, {}, life);
    check(c[0].life == 0 && c[4].life == 4 && c[4].position.x == 3, what);
}
} // namespace

int check_fx() {
    buffers::SoaVector<Particle> v;
    fill(v);
    static_assert(std::is_same_v<decltype(v[0].flags), std::uint32_t&>);
    static_assert(std::is_same_v<decltype(buffers::columns(v).born), std::span<std::int64_t>>);
#ifndef NDEBUG
    check(v[3].debug_serial == 3, "a Debug-only field");
#endif
    buffers::sort(v, std::less{}, &Particle::life);
    check(v[0].life == 0 && v[4].life == 4 && v[4].trail == 30, "buffers::sort by member pointer");
    buffers::stable_sort(v, std::greater{}, &Particle::flags);
    check(v[0].flags == 4 && buffers::column<&Particle::born>(v)[0] == 96,
          "stable_sort by member pointer");
    check(buffers::erase_if(v, [](const auto& r) { return r.life > 2; }) == 2, "erase_if");

    projections<buffers::SoaVector<Particle>>("field<> over SoaVector");
    projections<buffers::SoaDeque<Particle>>("field<> over SoaDeque");

    // Usage requirements of a linked target, directory-level definitions, -U in options.
    static_assert(buffers::soa_generated<game::ai::Particle>::field_count == 4);
    buffers::SoaVector<game::ai::Particle> ai;
    ai.push_back({7, 0.5f, 3, 1});
    check(ai[0].target == 7 && buffers::columns(ai).urgency[0] == 0.5f && ai[0].level == 3 &&
              ai[0].plans == 1,
          "game/ai/particle.soa.hpp");
    return failures;
}
