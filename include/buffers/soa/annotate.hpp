#pragma once

// BUFFERS_SOA opts a struct in to buffers-soa-gen, which generates its named SoA rows and
// columns:
//
//     struct BUFFERS_SOA Particle { float x, y, z; int id; };
//
// The generator parses headers with libclang, so the mark is a clang annotation. Other compilers
// see nothing (g++ would warn about an unknown scoped attribute otherwise).

#if defined(__clang__)
#define BUFFERS_SOA [[clang::annotate("buffers::soa")]]
#else
#define BUFFERS_SOA
#endif
