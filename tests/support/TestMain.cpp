// CppUnit runner shared by every test executable: with no argument it runs all
// registered fixtures, with a fixture name (e.g. "SettingsTest") only that one, so
// ctest can list each fixture as its own test.
#include <cppunit/CompilerOutputter.h>
#include <cppunit/extensions/TestFactoryRegistry.h>
#include <cppunit/ui/text/TestRunner.h>

#include <iostream>

int main(int argc, char** argv)
{
    CppUnit::TextUi::TestRunner runner;
    runner.addTest(CppUnit::TestFactoryRegistry::getRegistry().makeTest());
    runner.setOutputter(new CppUnit::CompilerOutputter(&runner.result(), std::cerr));
    const std::string testPath = argc > 1 ? argv[1] : "";
    try {
        return runner.run(testPath, false, true, true) ? 0 : 1;
    } catch (const std::invalid_argument& e) {
        std::cerr << "no such test: " << testPath << " (" << e.what() << ")\n";
        return 2;
    }
}
