// Generated names over SoaVector: rows, const rows, columns, sort, get<I>, structured bindings.
// Only generated headers are included: they bring the containers, columns and sorts.
#include "game/particles.soa.hpp"

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>
#include <type_traits>

using game::physics::Emitter;
using game::physics::Kind;
using game::physics::Particle;
using Names = buffers::soa_generated<Particle>;

static_assert(buffers::SoaNamed<Particle> && buffers::SoaNamed<Emitter>);
static_assert(Names::field_count == 6);
static_assert(Names::field_names[0] == "x" && Names::field_names[3] == "name" &&
              Names::field_names[5] == "id");
static_assert(Names::member_pointers.get<2>() == &Particle::velocity);
static_assert(buffers::soa_generated<Emitter>::field_names[1] == "prototype");

static int failures = 0;
static void check(bool ok, const char* what) {
    if (!ok) {
        std::printf("FAILED: %s\n", what);
        ++failures;
    }
}

int check_fx();    // fx.cpp
int check_names(); // names.cpp, generated at configure time

int main() {
    failures += check_fx();
    failures += check_names();

    buffers::SoaVector<Particle> v;
    v.push_back({3, 30, {}, "c", Kind::ice, 3});
    v.push_back({1, 10, {}, "a", Kind::dust, 1});
    v.push_back(Particle{.x = 2, .y = 20, .name = "b", .kind = Kind::rock, .id = 2});
    check(v[0].id == 3 && v[2].velocity[0] == 0.0f, "default member initialisers and values");

    // Rows: named fields are references into the columns.
    static_assert(std::is_same_v<decltype(v[0].x), float&>);
    static_assert(std::is_same_v<decltype(v[0].velocity), std::array<float, 3>&>);
    v[1].x = 1.5f;
    v[1].velocity[2] = 7;
    check(buffers::column<0>(v)[1] == 1.5f, "v[i].x writes the column");
    check(buffers::get<2>(v[1])[2] == 7, "get<I> sees the named write");

    // Const rows.
    const auto& cv = v;
    static_assert(std::is_same_v<decltype(cv[0].name), const std::string&>);
    check(cv[0].name == "c", "const row reads");

    // Columns: named spans.
    auto cols = buffers::columns(v);
    static_assert(std::is_same_v<decltype(cols.x), std::span<float>>);
    static_assert(std::is_same_v<decltype(cols.kind), std::span<Kind>>);
    static_assert(
        std::is_same_v<decltype(buffers::columns(cv).name), std::span<const std::string>>);
    check(cols.name.size() == 3 && cols.name[2] == "b", "columns(v).name");
    for (float& y : cols.y)
        y += 1;
    check(v[0].y == 31, "writes through a column span");

    // Sort by a named field; every column moves together.
    std::ranges::sort(
        v, [](const auto& a, const auto& b) { return buffers::get<3>(a) < buffers::get<3>(b); });
    check(v[0].name == "a" && v[1].name == "b" && v[2].name == "c", "sorted by name");
    check(v[0].id == 1 && v[1].kind == Kind::rock && v[2].x == 3, "rows moved whole");
    check(v[0].x == 1.5f && v[0].velocity[2] == 7, "sort kept the named writes");

    // Structured bindings bind into the columns.
    auto [x, y, velocity, name, kind, id] = v[2];
    name += "!";
    check(v[2].name == "c!" && x == 3 && id == 3 && kind == Kind::ice && velocity[0] == 0 &&
              y == 31,
          "structured bindings");

    // A struct whose fields are other structs (one column each).
    buffers::SoaVector<Emitter> emitters;
    emitters.push_back({{1, 2, 3}, Particle{.x = 4, .name = "proto"}, 5});
    emitters[0].prototype.name = "changed";
    check(buffers::columns(emitters).prototype[0].name == "changed" &&
              emitters[0].position.z == 3 && emitters[0].rate == 5,
          "nested struct columns");

    // Flattened fields (BUFFERS_SOA_FLATTEN Vec2): one column per leaf, reached by name.
    using game::physics::Tracer;
    using game::physics::Vec2;
    static_assert(buffers::soa_flatten<Vec2> && buffers::soa_leaf_count_v<Tracer> == 5);
    buffers::SoaVector<Tracer> tracers;
    tracers.push_back({{1, 2}, {3, 4}, 1});
    tracers.push_back({{5, 6}, {7, 8}, 2});
    static_assert(std::is_same_v<decltype(tracers[0].pos.x), float&>);
    static_assert(std::is_same_v<decltype(buffers::columns(tracers).vel.y), std::span<float>>);
    tracers[1].pos = Vec2{9, 10};
    tracers[0].vel.y += 0.5f;
    auto tcols = buffers::columns(tracers);
    for (std::size_t i = 0; i < tracers.size(); ++i)
        tcols.pos.x[i] += tcols.vel.x[i];
    check(tcols.pos.x[0] == 4 && tcols.pos.x[1] == 16 && tcols.pos.y[1] == 10 &&
              tcols.vel.y[0] == 4.5f && tcols.id[1] == 2,
          "flattened columns by name");
    check(Vec2(tracers[1].pos).y == 10 && Tracer(tracers[0]).pos.x == 4 &&
              buffers::column<&Tracer::vel, &Vec2::y>(tracers).data() == tcols.vel.y.data(),
          "flattened rows by name");
    std::ranges::sort(tracers, std::greater{}, buffers::field<&Tracer::id>);
    check(tracers[0].id == 2 && tracers[0].pos.x == 16, "sorting rows with flattened fields");

    if (failures == 0)
        std::printf("generator project ok: %zu particles, %zu emitters\n", v.size(),
                    emitters.size());
    return failures == 0 ? 0 : 1;
}
