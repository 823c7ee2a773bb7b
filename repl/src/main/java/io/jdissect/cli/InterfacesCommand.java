package io.jdissect.cli;

import org.pcap4j.core.PcapAddress;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.Pcaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code jdissect interfaces}: what {@code live -i} can capture on, as libpcap lists them (tshark -D). */
@Command(name = "interfaces", mixinStandardHelpOptions = true, description = "List the interfaces live capture can use (as tshark -D).")
public final class InterfacesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            int i = 0;
            for (PcapNetworkInterface nif : Pcaps.findAllDevs()) {
                StringBuilder sb = new StringBuilder(String.format("%2d. %-12s", ++i, nif.getName()));
                if (nif.getDescription() != null) sb.append(' ').append(nif.getDescription());
                StringBuilder addrs = new StringBuilder();
                for (PcapAddress a : nif.getAddresses()) {
                    if (a.getAddress() != null) addrs.append(addrs.isEmpty() ? "" : ", ").append(a.getAddress().getHostAddress());
                }
                if (!addrs.isEmpty()) sb.append(" (").append(addrs).append(')');
                if (nif.isLoopBack()) sb.append(" [loopback]");
                if (!nif.isUp()) sb.append(" [down]");
                out.println(sb);
            }
            return 0;
        } catch (PcapNativeException e) {
            spec.commandLine().getErr().println("jdissect: cannot list interfaces: " + e.getMessage());
            return 1;
        }
    }
}
