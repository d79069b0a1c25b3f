#include "stale/stale.soa.hpp"

int type_unit = 0;
