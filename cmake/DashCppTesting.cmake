# Test helpers for the whole tree (tests/ and the plugins' own tests/ folders). Every test carries a
# CTest label: unit (seconds, no server), abi, integration (a dash-host over HTTP), browser
# (Chromium), slow (minutes). `ctest -L unit` runs the quick ones.
find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)

# A Boost.Test executable that links only what it names (a plugin's logic, the SDK): label unit.
function(dashcpp_add_unit_test name)
  cmake_parse_arguments(TEST "" "" "SOURCES;LIBRARIES" ${ARGN})
  add_executable(${name} ${TEST_SOURCES})
  target_link_libraries(${name} PRIVATE ${TEST_LIBRARIES} Boost::unit_test_framework)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
  dashcpp_internal_target(${name})
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()

# A Boost.Test executable linked with core (tests/): label it with dashcpp_label_tests().
function(dashcpp_add_boost_test name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE DashCpp::core Boost::unit_test_framework)
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK
    DASHCPP_BUILD_DIR="${CMAKE_BINARY_DIR}" DASHCPP_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  dashcpp_internal_target(${name})
  add_test(NAME ${name} COMMAND ${name})
endfunction()

# Gives every test of the current directory that has no label yet the given labels.
function(dashcpp_label_tests)
  get_property(tests DIRECTORY PROPERTY TESTS)
  foreach(test ${tests})
    get_test_property(${test} LABELS labels)
    if(NOT labels)
      set_tests_properties(${test} PROPERTIES LABELS "${ARGN}")
    endif()
  endforeach()
endfunction()
