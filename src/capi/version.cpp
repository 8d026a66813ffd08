// drp_version / drp_version_number: the version of the library actually loaded.
#include "capi/capi.hpp"

extern "C" {

const char* drp_version(void) { return DRP_VERSION_STRING; }

int drp_version_number(void) { return DRP_VERSION_NUMBER; }

}  // extern "C"
