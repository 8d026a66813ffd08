// Kept for the files that include it: reading a whole file is common/input.hpp's job.
#pragma once

#include "common/input.hpp"
