#pragma once

// The library version. CMakeLists.txt checks that project(VERSION) matches this string, and
// generated SoA headers refuse to compile against a different version.
#define BUFFERS_VERSION_MAJOR 0
#define BUFFERS_VERSION_MINOR 1
#define BUFFERS_VERSION_PATCH 0
#define BUFFERS_VERSION_STRING "0.1.0"
#define BUFFERS_VERSION (BUFFERS_VERSION_MAJOR * 10000 + BUFFERS_VERSION_MINOR * 100 + BUFFERS_VERSION_PATCH)
