#pragma once
// Each STALE_* macro is an edit made after stale.soa.hpp was generated (the generator sees none).

#include <buffers/soa/annotate.hpp>

namespace stale {

struct BUFFERS_SOA Count {
    float x;
    int id;
#ifdef STALE_ADD_FIELD
    int added;
#endif
};

struct BUFFERS_SOA Type {
#ifdef STALE_CHANGE_TYPE
    double x;
#else
    float x;
#endif
    int id;
};

struct BUFFERS_SOA Name {
#ifdef STALE_SWAP_NAMES
    float y;
    float x;
#else
    float x;
    float y;
#endif
};

} // namespace stale
