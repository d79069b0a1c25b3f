#include "stale.soa.hpp"

int name_unit = 0;
