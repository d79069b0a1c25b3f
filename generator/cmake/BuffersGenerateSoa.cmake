# buffers_generate_soa(<target> HEADERS <header>... [OUTPUT_DIR <dir>])
#
# Runs buffers-soa-gen at build time over each header: <header stem>.soa.hpp lands in OUTPUT_DIR
# (default: ${CMAKE_CURRENT_BINARY_DIR}/buffers_soa/<target>), which joins the target's include
# path, so sources write `#include "particles.soa.hpp"`. An output is regenerated when its header,
# a file that header includes or the generator changes, and rewritten only when its content
# changes. The parser sees the
# target's include directories and compile definitions.
#
# The generator needs a Python 3 that can import clang.cindex (Debian: python3-clang-14, which
# installs for /usr/bin/python3). BUFFERS_SOA_PYTHON names it; it is found and cached on first use.

include_guard(GLOBAL)

# The functions below keep the policies of this file whoever includes it (CMP0116: depfiles).
cmake_policy(PUSH)
cmake_policy(VERSION 3.20...3.25)

# A global property, not a variable: the function may be called from a parent directory of the
# one that included this module (add_subdirectory), where the variable would not be visible.
set_property(GLOBAL PROPERTY BUFFERS_SOA_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The generator package: next to this module in the source tree (generator/cmake/..), under
# share/buffers/generator after install (this module is then in <libdir>/cmake/buffers).
function(_buffers_soa_find_package out)
    get_property(module_dir GLOBAL PROPERTY BUFFERS_SOA_MODULE_DIR)
    if(BUFFERS_SOA_GENERATOR_DIR)
        set(candidates "${BUFFERS_SOA_GENERATOR_DIR}")
    else()
        set(candidates "${module_dir}/..")
        set(dir "${module_dir}")
        foreach(_ RANGE 4) # lib/cmake/buffers, lib/<multiarch>/cmake/buffers, ...
            cmake_path(GET dir PARENT_PATH dir)
            list(APPEND candidates "${dir}/share/buffers/generator")
        endforeach()
    endif()
    foreach(candidate IN LISTS candidates)
        if(EXISTS "${candidate}/buffers_soa_gen/__init__.py")
            cmake_path(ABSOLUTE_PATH candidate NORMALIZE OUTPUT_VARIABLE candidate)
            string(REGEX REPLACE "/$" "" candidate "${candidate}")
            set(${out} "${candidate}" PARENT_SCOPE)
            return()
        endif()
    endforeach()
    list(JOIN candidates "\n  " tried)
    message(FATAL_ERROR "buffers_generate_soa: cannot find the generator package buffers_soa_gen; "
                        "looked in:\n  ${tried}\nSet BUFFERS_SOA_GENERATOR_DIR to the directory that "
                        "contains buffers_soa_gen.")
endfunction()

# An interpreter that can import libclang's bindings; cached in BUFFERS_SOA_PYTHON.
function(_buffers_soa_find_python out)
    set(probe "import clang.cindex; clang.cindex.Index.create()")
    if(BUFFERS_SOA_PYTHON)
        execute_process(COMMAND "${BUFFERS_SOA_PYTHON}" -c "${probe}" RESULT_VARIABLE failed
                        OUTPUT_QUIET ERROR_QUIET)
        if(failed)
            message(FATAL_ERROR "buffers_generate_soa: BUFFERS_SOA_PYTHON=${BUFFERS_SOA_PYTHON} cannot "
                                "import clang.cindex. Install Debian's python3-clang-14 "
                                "(apt-get install python3-clang-14) or point BUFFERS_SOA_PYTHON at a "
                                "Python 3 that has libclang's bindings.")
        endif()
        set(${out} "${BUFFERS_SOA_PYTHON}" PARENT_SCOPE)
        return()
    endif()
    set(candidates /usr/bin/python3)
    find_package(Python3 COMPONENTS Interpreter QUIET)
    if(Python3_Interpreter_FOUND)
        list(APPEND candidates "${Python3_EXECUTABLE}")
    endif()
    list(REMOVE_DUPLICATES candidates)
    foreach(candidate IN LISTS candidates)
        if(EXISTS "${candidate}")
            execute_process(COMMAND "${candidate}" -c "${probe}" RESULT_VARIABLE failed
                            OUTPUT_QUIET ERROR_QUIET)
            if(NOT failed)
                set(BUFFERS_SOA_PYTHON "${candidate}" CACHE FILEPATH
                    "Python 3 interpreter that can import clang.cindex (runs buffers-soa-gen)")
                message(STATUS "buffers-soa-gen: using ${candidate}")
                set(${out} "${candidate}" PARENT_SCOPE)
                return()
            endif()
        endif()
    endforeach()
    list(JOIN candidates ", " tried)
    message(FATAL_ERROR "buffers_generate_soa: no Python 3 interpreter can import clang.cindex "
                        "(tried: ${tried}). The generator parses headers with libclang: install "
                        "Debian's python3-clang-14 (apt-get install python3-clang-14), or set "
                        "BUFFERS_SOA_PYTHON to a Python 3 that has libclang's bindings.")
endfunction()

function(buffers_generate_soa target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIR" "HEADERS")
    if(arg_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "buffers_generate_soa: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT TARGET ${target})
        message(FATAL_ERROR "buffers_generate_soa: '${target}' is not a target")
    endif()
    if(NOT arg_HEADERS)
        message(FATAL_ERROR "buffers_generate_soa(${target}): no HEADERS given")
    endif()
    if(NOT arg_OUTPUT_DIR)
        set(arg_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/buffers_soa/${target}")
    endif()
    cmake_path(ABSOLUTE_PATH arg_OUTPUT_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)

    _buffers_soa_find_python(python)
    _buffers_soa_find_package(package_dir)
    file(GLOB generator_files CONFIGURE_DEPENDS "${package_dir}/buffers_soa_gen/*.py")

    # What the compiler of the target sees, the parser sees too.
    # Entries such as $<$<CONFIG:Debug>:X> evaluate to empty elements: drop them.
    set(includes "$<FILTER:$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>,EXCLUDE,^$>")
    set(defines "$<FILTER:$<TARGET_PROPERTY:${target},COMPILE_DEFINITIONS>,EXCLUDE,^$>")
    set(include_args "$<$<BOOL:${includes}>:-I$<JOIN:${includes},;-I>>")
    set(define_args "$<$<BOOL:${defines}>:-D$<JOIN:${defines},;-D>>")

    set(outputs)
    set(stems)
    foreach(header IN LISTS arg_HEADERS)
        cmake_path(ABSOLUTE_PATH header BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
        cmake_path(GET header STEM LAST_ONLY stem)
        if(stem IN_LIST stems)
            message(FATAL_ERROR "buffers_generate_soa(${target}): two headers named ${stem}.*; their "
                                "outputs would both be ${stem}.soa.hpp (use separate OUTPUT_DIRs)")
        endif()
        list(APPEND stems ${stem})
        set(output "${arg_OUTPUT_DIR}/${stem}.soa.hpp")
        cmake_path(RELATIVE_PATH output BASE_DIRECTORY "${CMAKE_BINARY_DIR}" OUTPUT_VARIABLE shown)
        # A depfile also regenerates the output when a header it includes changes.
        set(depfile_args)
        set(depfile_option)
        if(CMAKE_GENERATOR MATCHES "Ninja|Makefiles")
            set(depfile_args --depfile "${output}.d")
            set(depfile_option DEPFILE "${output}.d")
        endif()
        add_custom_command(
            OUTPUT "${output}"
            COMMAND "${CMAKE_COMMAND}" -E env "PYTHONPATH=${package_dir}"
                    "${python}" -m buffers_soa_gen "${header}" -o "${output}" ${depfile_args}
                    "${include_args}" "${define_args}"
            DEPENDS "${header}" ${generator_files}
            ${depfile_option}
            COMMENT "Generating SoA names ${shown}"
            COMMAND_EXPAND_LISTS
            VERBATIM)
        list(APPEND outputs "${output}")
    endforeach()

    # The outputs exist before any source of the target compiles.
    set(index 0)
    set(generate_target ${target}_buffers_soa)
    while(TARGET ${generate_target})
        math(EXPR index "${index} + 1")
        set(generate_target ${target}_buffers_soa_${index})
    endwhile()
    add_custom_target(${generate_target} DEPENDS ${outputs})
    add_dependencies(${target} ${generate_target})

    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
        target_include_directories(${target} INTERFACE "$<BUILD_INTERFACE:${arg_OUTPUT_DIR}>")
    else()
        target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${arg_OUTPUT_DIR}>")
    endif()
endfunction()

cmake_policy(POP)
