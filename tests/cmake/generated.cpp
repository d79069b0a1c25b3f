// Generated names through the consumer's package: only the generated header is included.
#include "shapes/point.soa.hpp"

#include <cstdio>
#include <functional>

int main() {
    buffers::SoaVector<shapes::Point> v;
    v.push_back({2, 1});
    v.push_back({1, 2});
    buffers::sort(v, std::less{}, &shapes::Point::x);
    if (v[0].x != 1 || buffers::columns(v).y[1] != 1) {
        std::puts("generated: wrong result");
        return 1;
    }
    std::puts("generated ok");
    return 0;
}
