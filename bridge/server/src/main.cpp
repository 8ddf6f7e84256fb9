#include "jji/bridge/server/JjiServer.h"

int main(int argc, char** argv)
{
    jji::bridge::JjiServer server;
    return server.run(argc, argv);
}
