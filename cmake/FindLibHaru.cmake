# Find libharu (libhpdf). Debian's libhpdf-dev ships no pkg-config file, so
# try pkg-config first (other systems), then look for the header and library.
# Defines LibHaru::LibHaru.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(_HPDF QUIET libhpdf)
endif()
find_path(LibHaru_INCLUDE_DIR hpdf.h HINTS ${_HPDF_INCLUDE_DIRS})
find_library(LibHaru_LIBRARY NAMES hpdf libhpdf HINTS ${_HPDF_LIBRARY_DIRS})
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibHaru
  REQUIRED_VARS LibHaru_LIBRARY LibHaru_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "install Debian's libhpdf-dev (apt-get install libhpdf-dev)")
if(LibHaru_FOUND AND NOT TARGET LibHaru::LibHaru)
  add_library(LibHaru::LibHaru UNKNOWN IMPORTED)
  set_target_properties(LibHaru::LibHaru PROPERTIES
    IMPORTED_LOCATION "${LibHaru_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibHaru_INCLUDE_DIR}")
endif()
mark_as_advanced(LibHaru_INCLUDE_DIR LibHaru_LIBRARY)
