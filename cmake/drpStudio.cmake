# The studio's page (studio/): index.html and studio.css as they are, and studio/src bundled
# by esbuild (from the npm registry, pinned by studio/package-lock.json, installed by
# scripts/install-deps.sh with npm ci) into one script; all three are compiled into the
# drp CLI, so the page needs nothing at run time and works offline. Without
# studio/node_modules the CLI still builds, and `drp studio` says the page was not built.
# The licences of the bundled packages are served with the page (/licences.txt).
# Sets drp_studio_sources (generated C++ files for drp_cli).
set(drp_studio_dir "${PROJECT_SOURCE_DIR}/studio")
set(drp_studio_bundle "${PROJECT_BINARY_DIR}/studio/studio.js")
set(drp_studio_licences "${PROJECT_BINARY_DIR}/studio/licences.txt")
set(drp_esbuild "${drp_studio_dir}/node_modules/.bin/esbuild")
if(EXISTS "${drp_esbuild}")
    file(GLOB drp_studio_scripts CONFIGURE_DEPENDS "${drp_studio_dir}/src/*.js")
    add_custom_command(
        OUTPUT "${drp_studio_bundle}"
        COMMAND "${drp_esbuild}" "${drp_studio_dir}/src/main.js" --bundle --minify --format=iife
                --target=es2020 --legal-comments=eof --log-level=warning "--outfile=${drp_studio_bundle}"
        DEPENDS ${drp_studio_scripts} "${drp_studio_dir}/package-lock.json"
        WORKING_DIRECTORY "${drp_studio_dir}"
        COMMENT "Bundling the studio's page (esbuild)"
        VERBATIM)
    add_custom_command(
        OUTPUT "${drp_studio_licences}"
        COMMAND "${CMAKE_COMMAND}" "-DNODE_MODULES=${drp_studio_dir}/node_modules" "-DOUTPUT=${drp_studio_licences}"
                -P "${PROJECT_SOURCE_DIR}/cmake/drpStudioLicences.cmake"
        DEPENDS "${drp_studio_dir}/package-lock.json" "${PROJECT_SOURCE_DIR}/cmake/drpStudioLicences.cmake"
        COMMENT "Collecting the licences of the studio's npm packages"
        VERBATIM)
else()
    message(STATUS "drp studio: the page is not built (no studio/node_modules: run scripts/install-deps.sh)")
    file(WRITE "${drp_studio_bundle}" "")
    file(WRITE "${drp_studio_licences}" "")
endif()
set(drp_studio_sources "")
foreach(asset IN ITEMS html css js licences)
    if(asset STREQUAL "js")
        set(input "${drp_studio_bundle}")
    elseif(asset STREQUAL "licences")
        set(input "${drp_studio_licences}")
    elseif(asset STREQUAL "html")
        set(input "${drp_studio_dir}/index.html")
    else()
        set(input "${drp_studio_dir}/studio.css")
    endif()
    drp_embed_text(
        INPUT "${input}"
        OUTPUT "${PROJECT_BINARY_DIR}/generated/studio_${asset}.cpp"
        SYMBOL studio_${asset})
    list(APPEND drp_studio_sources "${PROJECT_BINARY_DIR}/generated/studio_${asset}.cpp")
endforeach()
