#include "stale/stale.soa.hpp"

int count_unit = 0;
