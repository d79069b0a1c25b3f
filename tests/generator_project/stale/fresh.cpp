#include "stale/stale.soa.hpp"

int main() {
    return 0;
}
