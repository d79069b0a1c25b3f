#pragma once

// The whole library: buffers, composites, collections and struct-of-arrays.

#include "version.hpp"

#include "core/concepts.hpp"
#include "core/guard.hpp"
#include "core/hooks.hpp"
#include "core/live.hpp"
#include "core/ops.hpp"
#include "core/relocate.hpp"
#include "core/status.hpp"

#include "base/allocator_buffer.hpp"
#include "base/heap_buffer.hpp"
#include "base/inline_buffer.hpp"
#include "base/page_buffer.hpp"
#include "base/slice_buffer.hpp"
#include "base/stable_buffer.hpp"
#include "base/zst_buffer.hpp"

#include "composite/array_buffer.hpp"
#include "composite/at_least_buffer.hpp"
#include "composite/default_buffer.hpp"
#include "composite/exponential_growth_buffer.hpp"
#include "composite/indirect_buffer.hpp"
#include "composite/svo_buffer.hpp"
#include "composite/zsto_buffer.hpp"

#include "collections/core.hpp"
#include "collections/deque.hpp"
#include "collections/small_vector.hpp"
#include "collections/vector.hpp"

#include "soa/allocator_soa_buffer.hpp"
#include "soa/annotate.hpp"
#include "soa/aosoa_buffer.hpp"
#include "soa/columns.hpp"
#include "soa/keys.hpp"
#include "soa/row.hpp"
#include "soa/schema.hpp"
#include "soa/select.hpp"
#include "soa/soa_buffer.hpp"
#include "soa/soa_deque.hpp"
#include "soa/soa_vector.hpp"
#include "soa/sort.hpp"
