"""buffers-soa-gen: names for struct-of-arrays buffers, generated from annotated C++ structs.

The generator version equals the library version (BUFFERS_VERSION_STRING in
include/buffers/version.hpp); generated headers refuse to compile against another one.
"""

__version__ = "0.1.0"

PROGRAM = "buffers-soa-gen"
