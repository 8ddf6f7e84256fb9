#define BOOST_TEST_MODULE confkit
#include <boost/test/included/unit_test.hpp>
