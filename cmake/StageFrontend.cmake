# Copies the pinned npm files the host and the component plugins serve into build/share/dashcpp/
# frontend/<npm package>/, so that the build tree is self-contained. node_modules comes from
# `npm ci` against the committed package-lock.json (scripts/setup.sh runs it).
set(DASHCPP_NODE_MODULES ${CMAKE_SOURCE_DIR}/node_modules)
if(NOT EXISTS ${DASHCPP_NODE_MODULES}/dash-renderer/package.json)
  message(FATAL_ERROR "node_modules is missing: run `npm ci` at the repository root (scripts/setup.sh does)")
endif()
add_custom_command(
  OUTPUT ${DASHCPP_SHARE_DIR}/frontend/.stamp
  COMMAND ${CMAKE_COMMAND} -DNODE_MODULES=${DASHCPP_NODE_MODULES} -DDESTINATION=${DASHCPP_SHARE_DIR}/frontend
          -P ${CMAKE_SOURCE_DIR}/cmake/stage_frontend.cmake
  DEPENDS ${CMAKE_SOURCE_DIR}/package-lock.json ${CMAKE_SOURCE_DIR}/cmake/stage_frontend.cmake
  COMMENT "Staging front-end bundles from node_modules")
add_custom_target(dashcpp_frontend ALL DEPENDS ${DASHCPP_SHARE_DIR}/frontend/.stamp)
