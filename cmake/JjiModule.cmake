# jji_module(<target> SOURCES <files> [USES <targets>] [PRIVATE <targets>])
# One module of a room (analysis/, bridge/): a static library that exposes only its own
# include/ folder and sees the headers of exactly the targets it USES (and what those
# use), so an include of a module it does not use fails to compile. docs/ARCHITECTURE.md
# gives the order; tests/layering checks every edge.
function(jji_module target)
  cmake_parse_arguments(ARG "" "" "SOURCES;USES;PRIVATE" ${ARGN})
  add_library(${target} STATIC ${ARG_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(${target} PUBLIC ${ARG_USES} PRIVATE ${ARG_PRIVATE})
endfunction()
