# Script mode: copy the files we serve from NODE_MODULES to DESTINATION (see StageFrontend.cmake).
set(files
  @babel/polyfill/dist/polyfill.min.js
  react/umd/react.production.min.js
  react/umd/react.development.js
  react-dom/umd/react-dom.production.min.js
  react-dom/umd/react-dom.development.js
  prop-types/prop-types.min.js
  prop-types/prop-types.js
  dash-renderer/build/dash_renderer.min.js
  dash-renderer/build/dash_renderer.dev.js
  dash-renderer/build/dash-ws-worker.js
  plotly.js-dist-min/plotly.min.js)
set(directories
  dash-core-components/dash_core_components
  dash-html-components/dash_html_components
  dash-table/dash_table)
foreach(file IN LISTS files)
  get_filename_component(dir ${file} DIRECTORY)
  file(COPY ${NODE_MODULES}/${file} DESTINATION ${DESTINATION}/${dir})
endforeach()
foreach(dir IN LISTS directories)
  get_filename_component(parent ${dir} DIRECTORY)
  file(COPY ${NODE_MODULES}/${dir} DESTINATION ${DESTINATION}/${parent})
endforeach()
foreach(package dash-core-components dash-html-components dash-table dash-renderer react react-dom prop-types plotly.js-dist-min)
  file(COPY ${NODE_MODULES}/${package}/package.json DESTINATION ${DESTINATION}/${package})
endforeach()
file(TOUCH ${DESTINATION}/.stamp)
