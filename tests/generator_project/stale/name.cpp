#include "stale/stale.soa.hpp"

int name_unit = 0;
