# cmake --install: headers, the library, drpConfig.cmake (+ version) and drp.pc, all
# relative to the prefix so the install can be moved.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS drp_drp EXPORT drpTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT drp_Development
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT drp_Runtime NAMELINK_COMPONENT drp_Development
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT drp_Runtime)
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

configure_file(cmake/drp.pc.in "${PROJECT_BINARY_DIR}/drp.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/drp.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    COMPONENT drp_Development)
