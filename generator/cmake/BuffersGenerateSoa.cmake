# buffers_generate_soa(<target> HEADERS <header>... [OUTPUT_DIR <dir>])
#
# Runs buffers-soa-gen at build time over each header. A header found at <inc>/game/fx/particle.hpp,
# <inc> being one of the target's include directories (else the current source directory), gives
# <OUTPUT_DIR>/game/fx/particle.soa.hpp, which sources include as "game/fx/particle.soa.hpp" and
# which includes the header as "game/fx/particle.hpp", as the target's own sources do. OUTPUT_DIR
# (default: ${CMAKE_CURRENT_BINARY_DIR}/buffers_soa/<target>) joins the target's include path;
# with a multi-config generator each configuration has its own outputs, under OUTPUT_DIR/<config>.
#
# The parser sees what the compiler sees: for each configuration, an arguments file
# (buffers_soa/<target>.<config>.args, written at generate time with file(GENERATE)) holds the
# target's include directories, compile definitions and options (with those of the directory and
# of everything it links), CMAKE_CXX_FLAGS and CMAKE_CXX_FLAGS_<CONFIG>, its C++ standard and its
# precompiled headers (as -include). An output is regenerated when its header, a file that header
# includes, those arguments or the generator change, and rewritten only when its content changes.
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

# Escapes text for the content of a generator expression.
function(_buffers_soa_genex_escape out text)
    string(REPLACE ">" "$<ANGLE-R>" text "${text}")
    string(REPLACE "," "$<COMMA>" text "${text}")
    string(REPLACE ";" "$<SEMICOLON>" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The arguments file of a target, one per configuration: every flag its compile line gets from
# CMake, one a line; the generator keeps those that change the parse. Written once per target.
function(_buffers_soa_arguments_file target out)
    get_target_property(existing ${target} BUFFERS_SOA_ARGUMENTS_FILE)
    if(existing)
        set(${out} "${existing}" PARENT_SCOPE)
        return()
    endif()
    set(nl "\n")
    # Elements such as $<$<CONFIG:Debug>:X> evaluate to nothing elsewhere: drop empty ones.
    # An interface library compiles nothing itself: its users see its interface.
    get_target_property(type ${target} TYPE)
    set(prefix)
    if(type STREQUAL "INTERFACE_LIBRARY")
        set(prefix INTERFACE_)
    endif()
    foreach(property INCLUDE_DIRECTORIES COMPILE_DEFINITIONS COMPILE_OPTIONS PRECOMPILE_HEADERS)
        set(${property} "$<FILTER:$<TARGET_PROPERTY:${target},${prefix}${property}>,EXCLUDE,^$>")
    endforeach()
    # The compiler's own directories never reach its command line (CMake leaves them out);
    # given to libclang as -I they would come before its C++ headers and break #include_next.
    set(implicit)
    foreach(dir IN LISTS CMAKE_CXX_IMPLICIT_INCLUDE_DIRECTORIES)
        string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" dir "${dir}")
        list(APPEND implicit "${dir}")
    endforeach()
    if(implicit)
        list(JOIN implicit "|" implicit)
        _buffers_soa_genex_escape(implicit "^(${implicit})/?$")
        set(INCLUDE_DIRECTORIES "$<FILTER:${INCLUDE_DIRECTORIES},EXCLUDE,${implicit}>")
    endif()
    set(content "$<$<BOOL:${COMPILE_DEFINITIONS}>:-D$<JOIN:${COMPILE_DEFINITIONS},${nl}-D>${nl}>")
    string(APPEND content "$<$<BOOL:${INCLUDE_DIRECTORIES}>:-I$<JOIN:${INCLUDE_DIRECTORIES},${nl}-I>${nl}>")
    # CMAKE_CXX_FLAGS and CMAKE_CXX_FLAGS_<CONFIG> as they are when the directory is generated.
    separate_arguments(flags UNIX_COMMAND "${CMAKE_CXX_FLAGS}")
    list(JOIN flags "${nl}" flags)
    _buffers_soa_genex_escape(flags "${flags}")
    string(APPEND content "${flags}${nl}")
    set(configs Debug Release RelWithDebInfo MinSizeRel ${CMAKE_CONFIGURATION_TYPES} ${CMAKE_BUILD_TYPE})
    list(REMOVE_DUPLICATES configs)
    foreach(config IN LISTS configs)
        string(TOUPPER "${config}" upper)
        separate_arguments(flags UNIX_COMMAND "${CMAKE_CXX_FLAGS_${upper}}")
        if(flags)
            list(JOIN flags "${nl}" flags)
            _buffers_soa_genex_escape(flags "${flags}")
            string(APPEND content "$<$<CONFIG:${config}>:${flags}${nl}>")
        endif()
    endforeach()
    set(standard "$<TARGET_PROPERTY:${target},CXX_STANDARD>")
    set(gnu "$<IF:$<BOOL:$<TARGET_PROPERTY:${target},CXX_EXTENSIONS>>,gnu,c>")
    string(APPEND content "$<$<BOOL:${standard}>:-std=${gnu}++${standard}${nl}>")
    # A newer standard asked for through compile features (target_compile_features, or a linked
    # target's) wins, as it does for the compiler.
    set(features "$<TARGET_PROPERTY:${target},COMPILE_FEATURES>")
    foreach(level 23 26)
        string(APPEND content "$<$<IN_LIST:cxx_std_${level},${features}>:-std=${gnu}++${level}${nl}>")
    endforeach()
    string(APPEND content "$<$<BOOL:${COMPILE_OPTIONS}>:$<JOIN:${COMPILE_OPTIONS},${nl}>${nl}>")
    string(APPEND content
           "$<$<BOOL:${PRECOMPILE_HEADERS}>:-include${nl}$<JOIN:${PRECOMPILE_HEADERS},${nl}-include${nl}>${nl}>")
    set(file "${CMAKE_CURRENT_BINARY_DIR}/buffers_soa/${target}.$<CONFIG>.args")
    file(GENERATE OUTPUT "${file}" CONTENT "${content}" TARGET ${target})
    set_property(TARGET ${target} PROPERTY BUFFERS_SOA_ARGUMENTS_FILE "${file}")
    set(${out} "${file}" PARENT_SCOPE)
endfunction()

# The include directory of `target` that holds `header` (the longest), else the current source
# directory when it does, else nothing. Entries of the form $<BUILD_INTERFACE:dir> count as dir.
function(_buffers_soa_include_root target header out)
    get_target_property(dirs ${target} INCLUDE_DIRECTORIES)
    get_target_property(interface_dirs ${target} INTERFACE_INCLUDE_DIRECTORIES)
    set(best "")
    set(best_length 0)
    foreach(dir IN LISTS dirs interface_dirs)
        if(dir MATCHES "^\\$<BUILD_INTERFACE:([^$<>]+)>$")
            set(dir "${CMAKE_MATCH_1}")
        endif()
        if(dir STREQUAL "" OR dir MATCHES "\\$<" OR dir MATCHES "-NOTFOUND$")
            continue()
        endif()
        cmake_path(ABSOLUTE_PATH dir BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
        cmake_path(IS_PREFIX dir "${header}" NORMALIZE under)
        string(LENGTH "${dir}" length)
        if(under AND length GREATER best_length)
            set(best "${dir}")
            set(best_length ${length})
        endif()
    endforeach()
    set(${out} "${best}" PARENT_SCOPE)
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
    string(REGEX REPLACE "/$" "" arg_OUTPUT_DIR "${arg_OUTPUT_DIR}")
    get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
    set(output_dir "${arg_OUTPUT_DIR}")
    if(multi_config)
        string(APPEND output_dir "/$<CONFIG>")
    endif()

    _buffers_soa_find_python(python)
    _buffers_soa_find_package(package_dir)
    # Listed once, at configure time: the package changes only with the library, and a
    # CONFIGURE_DEPENDS glob would be re-checked by every build.
    file(GLOB generator_files "${package_dir}/buffers_soa_gen/*.py")
    _buffers_soa_arguments_file(${target} arguments_file)

    set(outputs)
    set(relatives)
    foreach(header IN LISTS arg_HEADERS)
        cmake_path(ABSOLUTE_PATH header BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
        # The output mirrors the header's path below its include directory, and includes the
        # header by that path, as the target's sources do.
        _buffers_soa_include_root(${target} "${header}" root)
        set(include_as)
        if(root)
            cmake_path(RELATIVE_PATH header BASE_DIRECTORY "${root}" OUTPUT_VARIABLE relative)
            set(include_as --include-as "${relative}")
        else()
            cmake_path(IS_PREFIX CMAKE_CURRENT_SOURCE_DIR "${header}" NORMALIZE under_source)
            if(under_source)
                cmake_path(RELATIVE_PATH header BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
                           OUTPUT_VARIABLE relative)
            else()
                cmake_path(GET header FILENAME relative)
            endif()
        endif()
        cmake_path(GET relative PARENT_PATH folder)
        cmake_path(GET relative STEM LAST_ONLY stem)
        if(folder)
            set(relative_output "${folder}/${stem}.soa.hpp")
        else()
            set(relative_output "${stem}.soa.hpp")
        endif()
        if(relative_output IN_LIST relatives)
            message(FATAL_ERROR "buffers_generate_soa(${target}): two headers give ${relative_output} "
                                "(use separate OUTPUT_DIRs)")
        endif()
        list(APPEND relatives "${relative_output}")
        set(output "${output_dir}/${relative_output}")
        cmake_path(RELATIVE_PATH arg_OUTPUT_DIR BASE_DIRECTORY "${CMAKE_BINARY_DIR}" OUTPUT_VARIABLE shown)
        set(shown "${shown}/${relative_output}")
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
                    "${python}" -m buffers_soa_gen "${header}" -o "${output}" ${include_as}
                    --args-file "${arguments_file}" ${depfile_args}
            DEPENDS "${header}" "${arguments_file}" ${generator_files}
            ${depfile_option}
            COMMENT "Generating SoA names ${shown}"
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
        target_include_directories(${target} INTERFACE "$<BUILD_INTERFACE:${output_dir}>")
    else()
        target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${output_dir}>")
    endif()
endfunction()

cmake_policy(POP)
