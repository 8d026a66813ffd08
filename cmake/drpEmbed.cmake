# drp_embed_text(INPUT file OUTPUT file.cpp SYMBOL name)
# Compiles a data file into the library as `std::string_view drp::detail::<name>()`, so
# the built-in holiday data needs no file at run time and is rebuilt when the file changes.
function(drp_embed_text)
    cmake_parse_arguments(ARG "" "INPUT;OUTPUT;SYMBOL" "" ${ARGN})
    add_custom_command(
        OUTPUT "${ARG_OUTPUT}"
        COMMAND "${CMAKE_COMMAND}" -DINPUT=${ARG_INPUT} -DOUTPUT=${ARG_OUTPUT}
                -DSYMBOL=${ARG_SYMBOL} -P "${PROJECT_SOURCE_DIR}/cmake/drpEmbedScript.cmake"
        DEPENDS "${ARG_INPUT}" "${PROJECT_SOURCE_DIR}/cmake/drpEmbedScript.cmake"
        COMMENT "Embedding ${ARG_INPUT}"
        VERBATIM)
endfunction()
