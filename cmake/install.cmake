# What `cmake --install` puts in place (docs/install.md): the program, the
# library (static, and shared with a SONAME), every public header with the
# generated version.h, a pkg-config file and a CMake package, the bundled
# data under share/crmeval, the man page and bash and zsh completion.
include(CMakePackageConfigHelpers)

install(TARGETS crmeval_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS crmeval crmeval_shared EXPORT crmevalTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/crmeval DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/crmeval/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/crmeval)

# The data: found at run time relative to the program (../share/crmeval).
install(DIRECTORY criteria vendors templates
  DESTINATION ${CMAKE_INSTALL_DATADIR}/crmeval)
install(FILES docs/crmeval.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/crmeval.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME crmeval)
install(FILES completions/_crmeval
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)

# pkg-config: the static library's dependencies are private ones; the
# paths are relative to the .pc file, so a moved prefix still works.
file(RELATIVE_PATH CRMEVAL_PC_TO_PREFIX
  ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" CRMEVAL_PC_TO_PREFIX "${CRMEVAL_PC_TO_PREFIX}")
set(CRMEVAL_PC_REQUIRES_PRIVATE "yaml-0.1 libcjson sqlite3 libpng xlsxwriter minizip expat")
configure_file(cmake/crmeval.pc.in ${PROJECT_BINARY_DIR}/crmeval.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/crmeval.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# find_package(crmeval): crmeval::crmeval (static) and crmeval::crmeval_shared.
install(EXPORT crmevalTargets NAMESPACE crmeval::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crmeval)
configure_package_config_file(cmake/crmevalConfig.cmake.in
  ${PROJECT_BINARY_DIR}/crmevalConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crmeval)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/crmevalConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/crmevalConfig.cmake
  ${PROJECT_BINARY_DIR}/crmevalConfigVersion.cmake cmake/FindLibHaru.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/crmeval)

# A Debian package: `cpack -G DEB` in the build directory.
set(CPACK_PACKAGE_NAME crmeval)
set(CPACK_PACKAGE_CONTACT "crmeval maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "CRM selection: weighted scores, TCO/NPV, reports")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR DEB)
include(CPack)
