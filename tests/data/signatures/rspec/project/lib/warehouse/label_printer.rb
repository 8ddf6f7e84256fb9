# frozen_string_literal: true

require "securerandom"
require "socket"

module Warehouse
  # Sends ZPL label jobs to a networked label printer (raw TCP, one line per command).
  class LabelPrinter
    class Error < StandardError; end

    def initialize(host, port, timeout: 2)
      @host = host
      @port = port
      @timeout = timeout
    end

    def print_label(zpl)
      job = SecureRandom.uuid
      Socket.tcp(@host, @port, connect_timeout: @timeout) do |sock|
        sock.write("JOB #{job}\n")
        sock.write("#{zpl}\n")
        sock.write("END\n")
        reply = sock.gets&.chomp
        unless reply == "ACK #{job}"
          raise Error, "printer #{@host}:#{@port} rejected job #{job}: #{reply.inspect}"
        end
      end
      job
    end
  end
end
