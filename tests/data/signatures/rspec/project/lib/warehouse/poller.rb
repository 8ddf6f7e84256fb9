# frozen_string_literal: true

module Warehouse
  # Polls a status source until a shipment is ready, backing off between polls.
  class Poller
    def initialize(source, interval: 0.01, max_interval: 0.2)
      @source = source
      @interval = interval
      @max_interval = max_interval
    end

    def wait_for(shipment_id, attempts: 10)
      delay = @interval
      tries = 0
      while tries < attempts
        status = @source.call(shipment_id)
        return status if status == :ready

        sleep delay
        delay = [delay * 2, @max_interval].min
      end
      raise "shipment #{shipment_id} not ready after #{attempts} polls"
    end
  end
end
