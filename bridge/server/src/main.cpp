#include "jji/analysis/runtime/AllocatorTuning.h"
#include "jji/bridge/server/JjiServer.h"

int main(int argc, char** argv)
{
    jji::analysis::tuneAllocator();
    jji::bridge::JjiServer server;
    return server.run(argc, argv);
}
