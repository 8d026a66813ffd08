#include "drp/json_positions.hpp"
#include <gtest/gtest.h>
TEST(JsonPositions, Placeholder) {}
