"""What happens over time: the clock and event queue, scheduler, kubelet, images and controllers."""
