# cmake --install: headers, the libraries, drpConfig.cmake (+ version) and the
# pkg-config files, all relative to the prefix so the install can be moved.
#   drp::drp       C++ library  libdrp++.a            pkg-config drp++
#   drp::c         C API        libdrp.so.MAJOR       pkg-config drp
#   drp::c_static  C API        libdrp.a              pkg-config --static drp
# Components: drp_Runtime (the shared library, the CLI), drp_Development (the rest).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS drp_drp drp_c drp_c_static EXPORT drpTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT drp_Development
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT drp_Runtime NAMELINK_COMPONENT drp_Development
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT drp_Runtime
    INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY include/drp "${PROJECT_BINARY_DIR}/include/drp"
    DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}" COMPONENT drp_Development
    FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
if(TARGET drp_cli)
    install(TARGETS drp_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT drp_Runtime)
endif()

set(drp_config_dir "${CMAKE_INSTALL_LIBDIR}/cmake/drp")
install(EXPORT drpTargets NAMESPACE drp:: DESTINATION "${drp_config_dir}" COMPONENT drp_Development)
configure_package_config_file(cmake/drpConfig.cmake.in "${PROJECT_BINARY_DIR}/drpConfig.cmake"
    INSTALL_DESTINATION "${drp_config_dir}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/drpConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/drpConfig.cmake" "${PROJECT_BINARY_DIR}/drpConfigVersion.cmake"
    DESTINATION "${drp_config_dir}" COMPONENT drp_Development)

# The .pc files find the prefix from their own place (${pcfiledir}), however deep the
# libdir is (lib, lib64, lib/x86_64-linux-gnu).
file(RELATIVE_PATH drp_pc_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" drp_pc_prefix "${drp_pc_prefix}")
get_target_property(drp_cxx_type drp_drp TYPE)
if(drp_cxx_type STREQUAL "STATIC_LIBRARY")
    set(drp_cxx_pc_requires "Requires: nlohmann_json icu-uc icu-i18n simdjson libsodium")
else()
    set(drp_cxx_pc_requires "Requires: nlohmann_json\nRequires.private: icu-uc icu-i18n simdjson libsodium")
endif()
# drp.pc (the C API) lists the static library's dependencies as libraries, resolved here,
# not as Requires.private: pkg-config --cflags drp would print their Cflags too (simdjson's
# -DSIMDJSON_THREADS_ENABLED=1), and a C user of drp.h needs none of them.
pkg_check_modules(drp_pc_private QUIET icu-uc icu-i18n simdjson libsodium)
if(drp_pc_private_FOUND)
    set(drp_c_pc_libs_private ${drp_pc_private_STATIC_LDFLAGS})
    foreach(dir IN LISTS CMAKE_CXX_IMPLICIT_LINK_DIRECTORIES)  # keep the .pc relocatable
        list(REMOVE_ITEM drp_c_pc_libs_private "-L${dir}")
    endforeach()
    list(REMOVE_DUPLICATES drp_c_pc_libs_private)
    list(JOIN drp_c_pc_libs_private " " drp_c_pc_libs_private)
else()
    set(drp_c_pc_libs_private "-licui18n -licuuc -licudata -lsimdjson -lsodium -pthread")
endif()
configure_file(cmake/drp.pc.in "${PROJECT_BINARY_DIR}/drp.pc" @ONLY)
configure_file(cmake/drp++.pc.in "${PROJECT_BINARY_DIR}/drp++.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/drp.pc" "${PROJECT_BINARY_DIR}/drp++.pc"
    DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig" COMPONENT drp_Development)
