#include "drp/json_schema.hpp"
#include <gtest/gtest.h>
TEST(JsonSchema, Placeholder) {}
