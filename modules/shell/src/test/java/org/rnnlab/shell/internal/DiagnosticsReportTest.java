package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.Diagnostics;
import org.rnnlab.api.trainer.StepReport;

class DiagnosticsReportTest {
    private static StepReport report() {
        Diagnostics d = new Diagnostics(
                List.of(new Diagnostics.UnitFlow(0, 0, new double[] {0.001, 0.1}, new double[] {0.01, 1}, 0.25)),
                List.of(new Diagnostics.MatrixSpectrum("l0.weight_hh", "", 0.9, 1.1)),
                List.of(new Diagnostics.ParameterStats("l0.weight_hh", 0.5, 2.0, 0.001)), 0.01);
        return new StepReport("r", 40, 0.1, 0.1, 0.5, new double[] {0.5}, new double[] {0.001, 0.1}, 10, 100, Map.of(), d, null, 0.01);
    }

    @Test
    void textShowsFlowSpectraAndUpdateSizes() {
        String text = DiagnosticsReport.text(report());
        assertTrue(text.startsWith("run r, step 40: learning rate 0.0100\n"), text);
        assertTrue(text.contains("l0    0.1000        0.0010         0.0100       0.2500"), text);
        assertTrue(text.contains("l0.weight_hh  -     0.9000  1.1000"), text);
        assertTrue(text.contains("l0.weight_hh  0.5000  2.0000   0.0010        -3.0"), text);
    }

    @Test
    void csvHasOneValueARow() {
        String csv = DiagnosticsReport.csv(report());
        assertEquals(List.of("step,kind,name,index,metric,value", "40,run,r,0,learning_rate,0.01",
                "40,unit,l0,0,hidden_gradient_norm,0.001", "40,unit,l0,0,jacobian_norm,0.01",
                "40,unit,l0,1,hidden_gradient_norm,0.1", "40,unit,l0,1,jacobian_norm,1.0", "40,unit,l0,0,saturation,0.25",
                "40,spectrum,l0.weight_hh,0,spectral_radius,0.9", "40,spectrum,l0.weight_hh,0,largest_singular_value,1.1",
                "40,parameter,l0.weight_hh,0,gradient_norm,0.5", "40,parameter,l0.weight_hh,0,value_norm,2.0",
                "40,parameter,l0.weight_hh,0,update_ratio,0.001"), csv.lines().toList());
    }

    @Test
    void aLayerTheRunDoesNotHaveIsNamed() {
        assertEquals("run r has no layer 3; layers: 0 to 0",
                assertThrows(RnnlabException.class, () -> DiagnosticsReport.unit(report(), 3, 0)).getMessage());
    }
}
