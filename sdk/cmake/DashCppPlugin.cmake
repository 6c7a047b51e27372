# dashcpp_linked_plugin_ids(<target> <libraries...>): the plugin ids of the component libraries among
# <libraries> (targets carrying DASHCPP_PLUGIN_ID, such as DashCpp::html) become the target's
# DASH_PLUGIN_LINKED_DEPENDENCIES, which DASH_PLUGIN adds to the dependencies it declares: linking a
# component library is what makes the app depend on its plugin, written once.
function(dashcpp_linked_plugin_ids target)
  # Generator expressions: read when the build is generated, so the libraries may be defined
  # after the plugin (apps/ before plugins/), and names that are not targets give nothing.
  set(ids "")
  foreach(library ${ARGN})
    if(NOT library MATCHES "^(-|\\$<)" AND NOT library MATCHES "[/.]")
      string(APPEND ids "$<$<TARGET_EXISTS:${library}>:$<TARGET_PROPERTY:${library},DASHCPP_PLUGIN_ID>> ")
    endif()
  endforeach()
  target_compile_definitions(${target} PRIVATE "DASH_PLUGIN_LINKED_DEPENDENCIES=\"${ids}\"")
endfunction()

# dashcpp_add_plugin(<name> SOURCES ... [LIBRARIES ...] [PRECOMPILE_HEADERS <header>...]): a plugin
# shared library named <name>.so that exports only dash_plugin_entry. Built against the SDK alone (no
# core header, no link to the host). Component libraries in LIBRARIES (DashCpp::html, ...) are the
# plugin's dependencies. PRECOMPILE_HEADERS (e.g. dash/dash.hpp dash/components/html.hpp): headers
# compiled once into a precompiled header, which makes each later rebuild of the plugin's sources
# faster (docs/performance.md) at the cost of building it once.
function(dashcpp_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "" "SOURCES;LIBRARIES;PRECOMPILE_HEADERS" ${ARGN})
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  foreach(header ${PLUGIN_PRECOMPILE_HEADERS})
    target_precompile_headers(${name} PRIVATE "<${header}>")
  endforeach()
  target_link_libraries(${name} PRIVATE DashCpp::sdk ${PLUGIN_LIBRARIES})
  dashcpp_linked_plugin_ids(${name} ${PLUGIN_LIBRARIES})
  if(DASHCPP_PLUGIN_COMPILE_OPTIONS)
    target_compile_options(${name} PRIVATE ${DASHCPP_PLUGIN_COMPILE_OPTIONS})
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED DASHCPP_PLUGIN_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${DASHCPP_PLUGIN_DIR})
  endif()
  if(NOT APPLE)
    # Hidden visibility does not cover template instantiations of the standard library, which
    # have default visibility: a version script leaves the entry symbol as the only export.
    set(script ${CMAKE_CURRENT_BINARY_DIR}/${name}.exports)
    file(WRITE ${script} "{ global: dash_plugin_entry; local: *; };\n")
    target_link_options(${name} PRIVATE -Wl,--no-undefined -Wl,--exclude-libs,ALL -Wl,--version-script=${script})
    set_target_properties(${name} PROPERTIES LINK_DEPENDS ${script})
  endif()
endfunction()

# dashcpp_add_component_library(<name> NPM_PACKAGE <npm-name>@<version> MANIFEST <library.json>
#                               EXTRACT <extract-metadata arguments...> [PACKAGE_DIR <dir>])
# Generates, at build time, typed C++ components (<binary dir>/<name>/include/dash/components/
# <cpp_namespace>.hpp) and a component-library plugin <name>.so from the npm package's metadata.
# The package comes from PACKAGE_DIR, else ${CMAKE_SOURCE_DIR}/node_modules when the version there
# matches, else `npm pack` fetches it into the build tree. Link <name>-components to use the header.
function(dashcpp_add_component_library name)
  cmake_parse_arguments(LIB "" "NPM_PACKAGE;MANIFEST;PACKAGE_DIR" "EXTRACT" ${ARGN})
  if(NOT LIB_NPM_PACKAGE OR NOT LIB_MANIFEST)
    message(FATAL_ERROR "dashcpp_add_component_library(${name}): NPM_PACKAGE and MANIFEST are required")
  endif()
  if(NOT NODE_EXECUTABLE)
    find_program(NODE_EXECUTABLE node REQUIRED)
  endif()
  string(REGEX MATCH "^(@?[^@]+)@(.+)$" _match "${LIB_NPM_PACKAGE}")
  set(npm_name ${CMAKE_MATCH_1})
  set(npm_version ${CMAKE_MATCH_2})
  if(NOT npm_name OR NOT npm_version)
    message(FATAL_ERROR "dashcpp_add_component_library(${name}): NPM_PACKAGE must be name@version, got '${LIB_NPM_PACKAGE}'")
  endif()
  get_filename_component(manifest ${LIB_MANIFEST} ABSOLUTE)
  file(READ ${manifest} manifest_text)
  string(JSON cpp_namespace GET "${manifest_text}" cpp_namespace)
  string(JSON plugin_id GET "${manifest_text}" plugin_id)

  set(package_dir "${LIB_PACKAGE_DIR}")
  if(NOT package_dir AND EXISTS ${CMAKE_SOURCE_DIR}/node_modules/${npm_name}/package.json)
    file(READ ${CMAKE_SOURCE_DIR}/node_modules/${npm_name}/package.json _package_json)
    string(JSON _installed GET "${_package_json}" version)
    if(_installed STREQUAL npm_version)
      set(package_dir ${CMAKE_SOURCE_DIR}/node_modules/${npm_name})
    endif()
  endif()
  if(NOT package_dir)
    set(package_dir ${CMAKE_BINARY_DIR}/_npm/${npm_name}-${npm_version}/package)
    if(NOT EXISTS ${package_dir}/package.json)
      file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/_npm/${npm_name}-${npm_version})
      execute_process(COMMAND npm pack ${npm_name}@${npm_version} --silent
        WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/_npm/${npm_name}-${npm_version}
        OUTPUT_VARIABLE tarball OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE failed)
      if(failed)
        message(FATAL_ERROR "npm pack ${npm_name}@${npm_version} failed")
      endif()
      execute_process(COMMAND ${CMAKE_COMMAND} -E tar xzf ${tarball}
        WORKING_DIRECTORY ${CMAKE_BINARY_DIR}/_npm/${npm_name}-${npm_version})
    endif()
  endif()

  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name})
  set(metadata ${out}/metadata.json)
  set(header ${out}/include/dash/components/${cpp_namespace}.hpp)
  set(plugin_source ${out}/${name}_plugin.cpp)
  file(GLOB tool_sources ${DASHCPP_TOOLS_DIR}/*.mjs ${DASHCPP_TOOLS_DIR}/lib/*)
  string(JSON js_namespace GET "${manifest_text}" package_name)
  add_custom_command(OUTPUT ${metadata}
    COMMAND ${NODE_EXECUTABLE} ${DASHCPP_TOOLS_DIR}/extract-metadata.mjs --package-dir ${package_dir}
            --namespace ${js_namespace} --out ${metadata} ${LIB_EXTRACT}
    DEPENDS ${package_dir}/package.json ${tool_sources}
    COMMENT "Extracting component metadata of ${npm_name}@${npm_version}" VERBATIM)
  add_custom_command(OUTPUT ${header} ${plugin_source}
    COMMAND ${NODE_EXECUTABLE} ${DASHCPP_TOOLS_DIR}/generate.mjs --metadata ${metadata} --manifest ${manifest}
            --package-dir ${package_dir} --header ${header} --plugin ${plugin_source}
    DEPENDS ${metadata} ${manifest} ${tool_sources}
    COMMENT "Generating C++ components of ${npm_name}" VERBATIM)
  add_custom_target(${name}-generate DEPENDS ${header} ${plugin_source})

  add_library(${name}-components INTERFACE)
  # The plugin that serves these components: a dependency of whatever links the header target
  # (dashcpp_linked_plugin_ids), in the tree and, exported, against the installed SDK.
  set_target_properties(${name}-components PROPERTIES DASHCPP_PLUGIN_ID ${plugin_id} EXPORT_PROPERTIES DASHCPP_PLUGIN_ID)
  target_include_directories(${name}-components INTERFACE $<BUILD_INTERFACE:${out}/include>)
  add_dependencies(${name}-components ${name}-generate)
  dashcpp_add_plugin(${name} SOURCES ${plugin_source})
  target_link_libraries(${name} PRIVATE ${name}-components)
  set_property(TARGET ${name} PROPERTY DASHCPP_COMPONENT_HEADER ${header})
  set_property(TARGET ${name} PROPERTY DASHCPP_METADATA ${metadata})
endfunction()
