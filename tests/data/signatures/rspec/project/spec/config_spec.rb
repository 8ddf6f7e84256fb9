# frozen_string_literal: true

RSpec.describe Warehouse::Config do
  def write_config(yaml)
    path = File.join(Dir.mktmpdir("whcfg"), "warehouse.yml")
    File.write(path, yaml)
    path
  end

  it "has a default batch size" do
    expect(described_class.new(nil).batch_size).to eq(20)
  end

  it "reads the batch size from the file" do
    cfg = described_class.load(write_config("pick:\n  batch_size: 50\n"))
    expect(cfg.batch_size).to eq(50)
  end

  it "reads the printer address from the file" do
    cfg = described_class.load(write_config("printer:\n  host: 10.1.2.3\n  port: 9101\n"))
    expect(cfg.printer_address).to eq("10.1.2.3:9101")
  end

  it "reads the number of docks" do
    cfg = described_class.load(write_config("receiving:\n  docks: 4\n"))
    expect(cfg.dock_count).to eq(4)
  end
end
