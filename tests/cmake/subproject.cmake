# After buffers was added as a subproject (add_subdirectory, FetchContent): its tests, examples
# and install rules are off, and the consumer builds against it.
foreach(option BUFFERS_BUILD_TESTS BUFFERS_BUILD_EXAMPLES BUFFERS_INSTALL)
    if(${option})
        message(FATAL_ERROR "${option} should default to OFF in a subproject")
    endif()
endforeach()

add_executable(consumer ${CMAKE_CURRENT_LIST_DIR}/consumer.cpp)
target_link_libraries(consumer PRIVATE buffers::buffers)
target_compile_options(consumer PRIVATE -Wall -Wextra -Werror)
