# The harnesses (docs/fuzzing.md): their names, and the source and
# definitions of each. Shared by the fuzzers (tests/fuzz/CMakeLists.txt)
# and the replays of the regression inputs (tests/CMakeLists.txt).
set(CRMEVAL_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
set(CRMEVAL_FUZZ_TARGETS yamltree criteria profile vendor evaluation template text
  judgements sheet_csv sheet_yaml rfi_csv rfi_yaml rfi_xlsx)

function(crmeval_fuzz_source target source_var defs_var)
  set(defs "")
  if(target MATCHES "^sheet_(csv|yaml)$")
    set(source fuzz_sheet.c)
    set(defs FUZZ_SHEET_EXT="${CMAKE_MATCH_1}")
  elseif(target MATCHES "^rfi_(csv|yaml|xlsx)$")
    set(source fuzz_rfi.c)
    set(defs FUZZ_RFI_EXT="${CMAKE_MATCH_1}")
  elseif(target STREQUAL "criteria" OR target STREQUAL "template")
    set(source fuzz_reader.c)
    set(defs FUZZ_READER=crm__${target}_read)
  else()
    set(source fuzz_${target}.c)
  endif()
  set(${source_var} ${CRMEVAL_FUZZ_DIR}/${source} PARENT_SCOPE)
  set(${defs_var} ${defs} PARENT_SCOPE)
endfunction()
