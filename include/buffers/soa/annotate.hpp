#pragma once

// BUFFERS_SOA opts a struct in to buffers-soa-gen, which generates its named SoA rows and
// columns:
//
//     struct BUFFERS_SOA Particle { float x, y, z; int id; };
//
// The generator parses headers with libclang, so the mark is a clang annotation. Other compilers
// see nothing (g++ would warn about an unknown scoped attribute otherwise).

//
// BUFFERS_SOA_FLATTEN does the same and also makes the generated header set
// buffers::soa_flatten for the struct: a field of its type in any SoA struct is stored as one
// column per leaf field (v[i].pos.x is a float&, columns(v).pos.x a std::span<float>).
//
//     struct BUFFERS_SOA_FLATTEN Vec3 { float x, y, z; };

#if defined(__clang__)
#define BUFFERS_SOA [[clang::annotate("buffers::soa")]]
#define BUFFERS_SOA_FLATTEN [[clang::annotate("buffers::soa_flatten")]]
#else
#define BUFFERS_SOA
#define BUFFERS_SOA_FLATTEN
#endif
