# frozen_string_literal: true

require "socket"

# A fake ZPL printer on 127.0.0.1:<ephemeral port>. Real printers want CRLF.
class FakePrinter
  attr_reader :port, :jobs

  def initialize
    @server = TCPServer.new("127.0.0.1", 0)
    @port = @server.addr[1]
    @jobs = []
    @thread = Thread.new { serve }
  end

  def serve
    loop do
      client = @server.accept
      lines = []
      while (line = client.gets)
        lines << line
        break if line.start_with?("END")
      end
      job = lines.first.to_s[/JOB (\S+)/, 1]
      if lines.all? { |l| l.end_with?("\r\n") }
        @jobs << job
        client.write("ACK #{job}\r\n")
      else
        client.write("NAK bad line terminator\r\n")
      end
      client.close
    end
  rescue IOError
    nil
  end

  def stop
    @server.close
    @thread.join(1)
  end
end

RSpec.describe Warehouse::LabelPrinter do
  let(:printer) { FakePrinter.new }
  let(:client) { described_class.new("127.0.0.1", printer.port) }

  after { printer.stop }

  it "prints a shelf label" do
    expect(client.print_label("^XA^FDB-12 (40/100)^FS^XZ")).to match(/\A\h{8}-/)
  end

  it "prints a shipping label" do
    client.print_label("^XA^FDShip to: Ann^FS^XZ")
    expect(printer.jobs.size).to eq(1)
  end

  it "prints a pallet label" do
    job = client.print_label("^XA^BCN,100^FDPAL-1^FS^XZ")
    expect(printer.jobs).to include(job)
  end

  it "refuses to connect to a closed port" do
    port = printer.port
    printer.stop
    expect { described_class.new("127.0.0.1", port).print_label("^XA^XZ") }.to raise_error(SystemCallError)
  end
end
