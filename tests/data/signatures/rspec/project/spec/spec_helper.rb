# frozen_string_literal: true

require "timeout"
require "tmpdir"
require_relative "../lib/warehouse"

RSpec.configure do |config|
  config.disable_monkey_patching!
  config.order = :defined

  # No example may take longer than a second (CI runs these on every push).
  config.around do |example|
    Timeout.timeout(1) { example.run }
  end
end
