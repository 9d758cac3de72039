using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary><c>evgrid fleet</c>: samples a fleet and prints its summary and uncontrolled charging profile.</summary>
internal static class FleetCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var evs = new Option<int>("--evs") { Description = "Number of EVs.", DefaultValueFactory = _ => 1000 };
        var mix = new Option<string>("--mix") { Description = "Fleet mix: seed002 (1 : 2.4 : 10.2 : 63.5), private, or seed000 (25 kWh residential cars).", DefaultValueFactory = _ => "seed002" };
        mix.OneOf("seed002", "private", "seed000");
        var seed = new Option<int>("--seed") { Description = "Seed of the Monte Carlo sampler.", DefaultValueFactory = _ => 1 };
        var slotMinutes = new Option<int>("--slot-minutes") { Description = "Slot length in minutes (60 or 15; any divisor of 1440).", DefaultValueFactory = _ => 60 };
        var buses = new Option<int>("--buses") { Description = "Number of buses/regions the EVs are spread over evenly.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "Output format: table, json or csv (one row per EV).", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json", "csv");
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Also write fleet.json, evs.csv and uncontrolled.csv into this folder." };

        var command = new Command("fleet", "Sample an EV fleet (seeded Monte Carlo) and print its summary and uncontrolled charging profile.")
        {
            evs, mix, seed, slotMinutes, buses, format, outDir,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(evs);
            CliChecks.Range(n, 1, int.MaxValue, "--evs");
            var slot = parse.GetValue(slotMinutes);
            if (slot is < 1 or > 1440 || 1440 % slot != 0)
            {
                throw new ArgumentException($"--slot-minutes must divide 1440 (e.g. 60 or 15), got {slot}.");
            }

            CliChecks.Range(parse.GetValue(buses), 1, 1_000_000, "--buses");
            var writesText = parse.GetValue(format) != "table" || parse.GetValue(outDir) is not null;
            CheckMemory(n, writesText);
            var dir = parse.GetValue(outDir) is { } given ? CliChecks.OutputDirectory(given.FullName) : null;

            var sample = new FleetSampler().Sample(new FleetSamplerOptions
            {
                EvCount = n,
                Mix = FleetMix.FromName(parse.GetValue(mix)!),
                Seed = parse.GetValue(seed),
                BusCount = parse.GetValue(buses),
            });
            var timeline = sample.Fleet.OnSlots(parse.GetValue(slotMinutes));
            var profile = UncontrolledCharging.Profile(timeline);
            var summary = FleetSummary.Create(sample.Fleet, profile);
            var mixName = parse.GetValue(mix)!;
            var output = context.Output;
            switch (parse.GetValue(format))
            {
                case "json":
                    output.WriteLine(Json(sample, timeline, profile, summary, mixName));
                    break;
                case "csv":
                    output.Write(EvCsv(sample.Fleet));
                    break;
                default:
                    WriteTable(output, sample, timeline, profile, summary, mixName);
                    break;
            }

            if (dir is not null)
            {
                File.WriteAllText(Path.Combine(dir, "fleet.json"), Json(sample, timeline, profile, summary, mixName));
                File.WriteAllText(Path.Combine(dir, "evs.csv"), EvCsv(sample.Fleet));
                File.WriteAllText(Path.Combine(dir, "uncontrolled.csv"), ProfileCsv(timeline, profile));
                context.Error.WriteLine($"wrote fleet.json, evs.csv and uncontrolled.csv to {dir}");
            }

            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// Refuses fleets that would not fit in memory before sampling: about 160 bytes per EV for the model and table,
    /// about 3.2 kB per EV when the fleet is also written as JSON or CSV text (measured: 1 000 000 EVs peak at
    /// 0.16 GB for the table and 3.1 GB for JSON).
    /// </summary>
    private static void CheckMemory(int evs, bool writesText)
    {
        var perEv = writesText ? 3200.0 : 160.0;
        CliChecks.Memory(evs * perEv, string.Create(CultureInfo.InvariantCulture, $"--evs {evs}"),
            budget => string.Create(CultureInfo.InvariantCulture,
                $"--evs can be at most {Math.Floor(budget / perEv):F0}{(writesText ? " when the fleet is written as JSON or CSV" : string.Empty)}"));
    }

    private static string TypeName(EvKind kind) => kind switch
    {
        EvKind.Bus => "bus",
        EvKind.Taxi => "taxi",
        EvKind.BusinessCar => "businessCar",
        _ => "privateCar",
    };

    private static string SlotLabel(int slot, int slotMinutes)
    {
        var from = slot * slotMinutes;
        var to = from + slotMinutes;
        return string.Create(CultureInfo.InvariantCulture, $"{from / 60:00}:{from % 60:00}-{to / 60:00}:{to % 60:00}");
    }

    private static void WriteTable(TextWriter o, FleetSample sample, FleetTimeline timeline, LoadProfile profile, FleetSummary summary, string mix)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"Fleet: {sample.Fleet.Count} EVs, mix {mix}, seed {sample.Seed}, {timeline.SlotsPerDay} slots of {timeline.SlotMinutes} min, {sample.Fleet.BusCount} bus(es)"));
        o.WriteLine();
        o.WriteLine("type          count  arrival mean [h]  arrival sd [h]  plug-in [h]  SOC arr mean  SOC arr min  SOC arr max  SOC dep min  T_f mean [h]  need [kWh]  V2G");
        foreach (var g in summary.Groups.Append(summary.Total))
        {
            var name = g.Kind is { } k ? TypeName(k) : "all";
            o.WriteLine(string.Create(inv,
                $"{name,-12} {g.Count,6}  {g.ArrivalMeanHour,16:F2}  {g.ArrivalStdDevHours,14:F2}  {g.PlugInMeanHours,11:F2}  {g.SocArrivalMean,12:F3}  {g.SocArrivalMin,11:F3}  {g.SocArrivalMax,11:F3}  {g.SocDepartureMinMean,11:F3}  {g.ChargingHoursMean,12:F2}  {g.EnergyNeedKwh,10:F1}  {g.V2gCount,4}"));
        }

        o.WriteLine();
        o.WriteLine(string.Create(inv, $"Simultaneity rate beta (seed 000 eq. 2): {summary.SimultaneityRate:F4}  (peak {summary.UncontrolledPeakKw:F1} kW of {summary.RatedKw:F1} kW rated)"));
        if (sample.CappedTargetIds.Count > 0)
        {
            o.WriteLine(string.Create(inv, $"Departure targets lowered to what the plug-in window allows: {sample.CappedTargetIds.Count} EV(s)"));
        }

        if (sample.ClampedArrivalIds.Count > 0)
        {
            o.WriteLine(string.Create(inv, $"Trips shortened to end at the SOC floor: {sample.ClampedArrivalIds.Count} EV(s)"));
        }

        o.WriteLine();
        o.WriteLine("Uncontrolled (plug-and-charge) charging load");
        o.WriteLine("slot  time          total [kW]");
        for (var s = 0; s < timeline.SlotsPerDay; s++)
        {
            o.WriteLine(string.Create(inv, $"{s,4}  {SlotLabel(s, timeline.SlotMinutes)}  {profile.TotalKw[s],10:F1}"));
        }
    }

    private static string Json(FleetSample sample, FleetTimeline timeline, LoadProfile profile, FleetSummary summary, string mix)
    {
        var fleet = sample.Fleet;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("seed", sample.Seed);
            w.WriteNumber("slotHours", timeline.SlotHours);
            w.WriteString("mix", mix);
            w.WriteNumber("evCount", fleet.Count);
            w.WriteNumber("busCount", fleet.BusCount);
            w.WriteNumber("simultaneityRate", summary.SimultaneityRate);
            w.WriteNumber("uncontrolledPeakKw", summary.UncontrolledPeakKw);
            w.WriteStartArray("cappedTargetIds");
            foreach (var id in sample.CappedTargetIds)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
            w.WriteStartArray("clampedArrivalIds");
            foreach (var id in sample.ClampedArrivalIds)
            {
                w.WriteNumberValue(id);
            }

            w.WriteEndArray();
            w.WriteStartArray("evs");
            for (var i = 0; i < fleet.Count; i++)
            {
                var ev = fleet[i];
                w.WriteStartObject();
                w.WriteNumber("id", ev.Id);
                w.WriteString("type", TypeName(ev.Kind));
                w.WriteNumber("arrivalH", ev.ArrivalHour);
                w.WriteNumber("departureH", ev.DepartureHour);
                w.WriteNumber("batteryKwh", ev.BatteryKwh);
                w.WriteNumber("socArrival", ev.SocArrival);
                w.WriteNumber("socMinDeparture", ev.SocDepartureMin);
                w.WriteNumber("chargeKw", ev.ChargeKw);
                w.WriteNumber("dischargeKw", ev.DischargeKw);
                w.WriteNumber("etaCharge", ev.EtaCharge);
                w.WriteNumber("etaDischarge", ev.EtaDischarge);
                w.WriteBoolean("v2g", ev.V2g);
                w.WriteNumber("energyNeedKwh", ev.EnergyNeedKwh);
                w.WriteNumber("bus", ev.Bus);
                w.WriteNumber("distanceKm", ev.DistanceKm);
                w.WriteNumber("chargingHours", ev.ChargingHours);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("uncontrolledKw");
            foreach (var v in profile.TotalKw)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string EvCsv(EvFleet fleet)
    {
        var sb = new StringBuilder();
        sb.AppendLine("id,type,arrivalH,departureH,batteryKwh,socArrival,socMinDeparture,chargeKw,dischargeKw,etaCharge,etaDischarge,v2g,energyNeedKwh,bus,distanceKm");
        for (var i = 0; i < fleet.Count; i++)
        {
            var ev = fleet[i];
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{ev.Id},{TypeName(ev.Kind)},{ev.ArrivalHour:R},{ev.DepartureHour:R},{ev.BatteryKwh:R},{ev.SocArrival:R},{ev.SocDepartureMin:R},{ev.ChargeKw:R},{ev.DischargeKw:R},{ev.EtaCharge:R},{ev.EtaDischarge:R},{(ev.V2g ? "true" : "false")},{ev.EnergyNeedKwh:R},{ev.Bus},{ev.DistanceKm:R}"));
        }

        return sb.ToString();
    }

    private static string ProfileCsv(FleetTimeline timeline, LoadProfile profile)
    {
        var sb = new StringBuilder();
        sb.Append("slot,startH,totalKw");
        for (var b = 0; b < profile.BusCount; b++)
        {
            sb.Append(CultureInfo.InvariantCulture, $",bus{b}Kw");
        }

        sb.AppendLine();
        for (var s = 0; s < timeline.SlotsPerDay; s++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s},{s * timeline.SlotHours:R},{profile.TotalKw[s]:R}");
            for (var b = 0; b < profile.BusCount; b++)
            {
                sb.Append(CultureInfo.InvariantCulture, $",{profile.Bus(b)[s]:R}");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
