# dashcpp_add_plugin(<name> SOURCES ...): a plugin shared library named <name>.so that exports only
# dash_plugin_entry. Built against the SDK alone (no core header, no link to the host).
function(dashcpp_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${name} PRIVATE DashCpp::sdk ${PLUGIN_LIBRARIES})
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
